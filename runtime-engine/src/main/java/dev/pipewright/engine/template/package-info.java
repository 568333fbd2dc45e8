// SPDX-License-Identifier: Apache-2.0
/**
 * What a source's messages carry, made the same way by the simulator and by live runs on a real
 * broker: {@link dev.pipewright.engine.template.PayloadTemplate} fills a payload template in, and
 * {@link dev.pipewright.engine.template.NodeRandom} is the random stream a node draws from for a
 * run's seed. Depends on the model only.
 */
package dev.pipewright.engine.template;
