/** HTTP adapter of the map page's search, coordinate entry and measuring ({@code /map/…}); the logic is in {@code map}. */
package liuyu.api.map;
