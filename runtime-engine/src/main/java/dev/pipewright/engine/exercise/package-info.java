// SPDX-License-Identifier: Apache-2.0
/** Exercises that check themselves: a learner's flow run for a lesson's challenge, goal by goal. */
package dev.pipewright.engine.exercise;
