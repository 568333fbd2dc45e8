// SPDX-License-Identifier: Apache-2.0
/**
 * Live runs on a real MQTT broker (Mosquitto) through Eclipse Paho's MQTT 3.1.1 client:
 * {@code pipewright deploy FLOW --mqtt tcp://host:port}.
 */
package dev.pipewright.brokers.mqtt;
