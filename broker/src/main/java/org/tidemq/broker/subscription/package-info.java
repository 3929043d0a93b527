/** Consumer groups known to the broker: stock groups, auto-creation, admin changes, {@code subscriptionGroup.json}. */
package org.tidemq.broker.subscription;
