// SPDX-License-Identifier: Apache-2.0
/**
 * The running forms of the model's node kinds, one small class each (as Camel's reifiers turn a
 * definition into a processor), compiled from a flow by
 * {@link dev.pipewright.engine.entity.FlowCompiler}. Internal to the engine: use the API in
 * {@code dev.pipewright.engine}.
 */
package dev.pipewright.engine.entity;
