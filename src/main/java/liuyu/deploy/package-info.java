/**
 * How this instance is deployed: demo mode, who may write, the start-up statement and refusals (docs/deploy.md).
 * May use: atlas, storage.
 */
package liuyu.deploy;
