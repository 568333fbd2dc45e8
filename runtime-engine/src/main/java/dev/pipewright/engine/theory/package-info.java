// SPDX-License-Identifier: Apache-2.0
/**
 * Closed-form queueing theory (Erlang C, M/M/c): the one implementation that the app's theory
 * panel shows next to a run and that the engine's oracle tests check the engine against.
 * Depends on nothing else in Pipewright.
 */
package dev.pipewright.engine.theory;
