// SPDX-License-Identifier: Apache-2.0
/**
 * The live backend on NATS JetStream: streams and durable pull consumers from the NATS export,
 * under a fresh run prefix, fed and read through jnats.
 */
package dev.pipewright.brokers.nats;
