/** The project's benchmarks: HTTP load programs that print figures (README, "Benchmark"). */
package org.weft.bench;
