/** The receiver adapter for ${country} (${capability}); never exported. */
package ${package}.internal;
