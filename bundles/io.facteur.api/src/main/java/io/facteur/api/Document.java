package io.facteur.api;

import java.util.Objects;

/**
 * Bytes of one file as they arrived or as a writer produced them, with the name and media type that
 * came with them. The bytes are never changed: the original is what is archived and proven.
 *
 * @param fileName the name given by the source, may be empty; never used to detect the format
 * @param mediaType the declared media type, may be {@code application/octet-stream}
 * @param content the bytes; callers must not modify the array
 */
public record Document(String fileName, String mediaType, byte[] content) {
    public Document {
        fileName = fileName == null ? "" : fileName;
        mediaType = mediaType == null ? "application/octet-stream" : mediaType;
        Objects.requireNonNull(content, "content");
    }

    /** Size in bytes. */
    public int size() {
        return content.length;
    }
}
