package stdlib

import "database/sql/driver"

// maxWrapDepth bounds the unwrapping, against a wrapper whose accessor
// returns itself.
const maxWrapDepth = 16

// UnwrapConn returns this driver's connection from the value
// (*sql.Conn).Raw hands out. Drivers that wrap another one for tracing or
// metrics (XSAM/otelsql, sqlcommenter, sentry-go's sentrysql, …) hand
// out their own connection, and most offer the wrapped one by a
// Raw() driver.Conn method (otelsql's answer to the same need); an
// Unwrap() driver.Conn method is accepted too. UnwrapConn follows either
// through any number of wrappers; ok is false when no connection of this
// driver is inside.
func UnwrapConn(dc any) (c *Conn, ok bool) {
	for range maxWrapDepth {
		switch v := dc.(type) {
		case *Conn:
			return v, v != nil
		case interface{ Raw() driver.Conn }:
			dc = v.Raw()
		case interface{ Unwrap() driver.Conn }:
			dc = v.Unwrap()
		default:
			return nil, false
		}
	}
	return nil, false
}
