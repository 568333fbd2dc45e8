// SPDX-License-Identifier: Apache-2.0
/**
 * Live runs on a real Kafka cluster through Kafka's own Java client ({@code kafka-clients}):
 * {@code pipewright deploy FLOW --kafka host:port}. Topics from the Kafka export under a run prefix,
 * one consumer group per consumer node.
 */
package dev.pipewright.brokers.kafka;
