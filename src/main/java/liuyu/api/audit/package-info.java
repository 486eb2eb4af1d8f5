/** HTTP adapter of the intervention log and the chain checks ({@code /interventions}, {@code /observations/verify}). */
package liuyu.api.audit;
