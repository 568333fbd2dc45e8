// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

/** One fault a node offers during a run, in the order the canvas menu and the Live tab show them. */
public enum FaultOffer {
    CRASH, RESTORE, PAUSE, ADD_INSTANCE, REMOVE_INSTANCE, PUBLISH_ONE, SET_RATE, FLOOD, ENDPOINT_DOWN_OR_UP
}
