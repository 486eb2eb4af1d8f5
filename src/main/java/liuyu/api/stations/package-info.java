/** HTTP adapter of the station registry and the per-station packet log ({@code /stations}). */
package liuyu.api.stations;
