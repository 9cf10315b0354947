/**
 * The certified nested mixed-activation network: for f on [0,1]^d and a base N >= 2, one network of fixed width
 * {@code 2dN + d + 2} (ReLU channels and two sine channels) whose readouts satisfy
 * {@code ||f - Phi_l||_p <= (2d + 1) w_{f,p}(N^-l)}, with nested readouts {@code Phi_l = Phi_{l-1} + Gamma_l}.
 *
 * <p>The construction (our own; the weights are explicit and computed on the host by {@link
 * org.lpa4j.architectures.nested.NestedConstruction}):
 * <ul>
 *   <li>Hidden layer n holds, per coordinate i, the carry {@code t_i = frac(N^(n-1) x_i)}, N-1 pairs of steep ramps
 *       {@code relu(K(N t_i - q) + 1)}, {@code relu(K(N t_i - q))} whose differences are the steps {@code [N t_i >= q]}
 *       (their sum is the next base-N digit a_i), the integer prefix code {@code m_i = floor(N^(n-1) x_i)} and a spare
 *       channel; all are linear in the previous layer: {@code t' = N t - a}, {@code m' = N m + a}, and the next
 *       ramps read {@code N t' = N^2 t - N a}.</li>
 *   <li>The first sine channel computes {@code z = sin(c + BETA)} of the combined cell code
 *       {@code c = sum_i m_i N^((n-1)(i-1))}: distinct cells get rationally independent values.</li>
 *   <li>The second sine channel decodes: {@code Gamma_l = A_l sin(omega_l z + phi_l) + e_l}, with omega_l found by a
 *       scan such that the decoded table matches {@code E_l f - Phi_{l-1}} on every cell to within half of
 *       w_{f,p}(N^-l) in L^p (Kronecker's theorem says such omega exist; they grow like (range/tolerance)^cells).
 *       Since each level decodes the difference to the previous decoded readout, decoder errors never accumulate.</li>
 *   <li>Readout l is affine in layer l + 2 (two layers of latency: digit, then first sine); {@code Phi_0} is the mean.</li>
 * </ul>
 * Error budget: {@code ||f - E_l f||_p <= 2d w} (one averaging step per coordinate), the decoder at most w/2, the
 * ramps' strips of width 1/K the rest. The float64 limit is the decoder: its frequency search fails once a level has
 * too many cells. See docs/nested-network.md.
 */
package org.lpa4j.architectures.nested;
