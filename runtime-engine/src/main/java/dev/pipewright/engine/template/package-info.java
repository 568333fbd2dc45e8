// SPDX-License-Identifier: Apache-2.0
/**
 * What messages carry and how their payloads are read, the same way in the simulator and in live
 * runs on a real broker: {@link dev.pipewright.engine.template.PayloadTemplate} fills a payload
 * template in, {@link dev.pipewright.engine.template.NodeRandom} is the random stream a node draws
 * from for a run's seed, and {@link dev.pipewright.engine.template.Expression} is the JSONPath
 * condition language of processors and of a consumer's {@code failWhen};
 * {@link dev.pipewright.engine.template.ProcessorRules} is what the processor variants decide, and
 * {@link dev.pipewright.engine.template.Aggregation} and
 * {@link dev.pipewright.engine.template.Resequencing} keep an aggregator's groups and a
 * resequencer's order, for the simulator's processors and a live run's alike. Depends on the
 * model only.
 */
package dev.pipewright.engine.template;
