// Checks the properties the generated sources are made of (the archetype plugin checks the
// descriptor's validationRegex only in interactive mode): a bad value removes the generated
// project and fails the generation with the reason.
def props = request.properties
def problems = []
if (!(props.get('country') ==~ /[A-Z]{2}/)) {
    problems << "country must be an ISO 3166-1 alpha-2 code in upper case, such as BE (got '${props.get('country')}')"
}
if (!(props.get('capability') ==~ /[a-z][a-z0-9]*(\.[a-z0-9]+)+/)) {
    problems << "capability must be lower case and dot separated, such as adapter.be (got '${props.get('capability')}')"
}
if (!(props.get('label') ==~ /[^<>&"\\$#\p{Cntrl}]{1,80}/)) {
    problems << "label must have 1 to 80 characters, none of < > & \" \\ \$ # nor control characters"
}
if (!(props.get('package') ==~ /[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*/)) {
    problems << "package must be a lower-case Java package name (got '${props.get('package')}')"
}
if (problems) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException('facteur-adapter-archetype: ' + problems.join('; '))
}
