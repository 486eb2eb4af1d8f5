/**
 * The printed check report: a Chinese PDF with a map figure, and what changed on a re-check.
 * May use: atlas, geo, rules; PDFBox.
 */
package liuyu.reports;
