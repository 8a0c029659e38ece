/** The SFTP export connector: JSch sessions, host key pinning, atomic uploads; never exported. */
package io.facteur.export.sftp.internal;
