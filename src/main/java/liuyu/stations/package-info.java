/**
 * Automatic stations speaking HJ 212-2017 over TCP: the station registry (MN, password hash, the section or outfall it
 * measures), packet framing and CRC, the code table to Liuyu's parameters, the receiver and its per-station packet log.
 * Values are stored through {@code quality}'s observation store; uses {@code atlas} for the stations' places.
 */
package liuyu.stations;
