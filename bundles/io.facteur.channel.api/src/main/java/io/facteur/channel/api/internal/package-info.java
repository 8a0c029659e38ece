/**
 * Connected invoicing software: idempotent pushes of invoices and signed webhooks of their status
 * changes; never exported.
 */
package io.facteur.channel.api.internal;
