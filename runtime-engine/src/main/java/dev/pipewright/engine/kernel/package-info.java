// SPDX-License-Identifier: Apache-2.0
/**
 * The discrete-event kernel: the virtual clock and the event list, ordered by time and then by
 * sequence number so that runs repeat exactly. Knows nothing about messages.
 */
package dev.pipewright.engine.kernel;
