/** Layers written once on {@link org.lpa4j.api.ops.Ops}: each declares its parameters and a pure forward. */
package org.lpa4j.api.layers;
