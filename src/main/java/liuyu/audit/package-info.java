/**
 * Accountability records that must show tampering: the intervention log (干预留痕: who interfered with monitoring, how,
 * with which attachments) and the hash chains over it and over stored observations, verified on request. Uses
 * {@code quality} (the observations it chains) and {@code geo}; its HTTP adapter is {@code api.audit}.
 */
package liuyu.audit;
