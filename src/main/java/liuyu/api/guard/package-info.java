/**
 * Request guards in front of the controllers: body sizes, batch concurrency and time budgets, the CSRF rule for
 * browser writes. May use: api.
 */
package liuyu.api.guard;
