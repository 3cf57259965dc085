/**
 * A small application that configures Chatroute through CDI only: a provider bean, a whole
 * configuration produced in code, an identity resolver, a usage listener, MicroProfile Config for
 * the system prompt, and application code that calls a model through the injected gateway. Its
 * classes are packed into the WAR that {@code CdiWarIT} deploys; no test loads them.
 */
package dev.chatroute.sample.deploy.cdiapp;
