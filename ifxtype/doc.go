// Package ifxtype holds the Informix value types that have no exact Go
// counterpart, and the byte encodings the SQLI wire protocol uses for them.
//
// The types are plain values: they contain no pointers and are cheap to
// copy. The zero Decimal is 0; the zero DateTime, IntervalDF and IntervalYM
// carry no qualifier and stand for "no value", which is what the lenient
// constructors return on failure. The wire codecs run once per column per
// row, so they never allocate on success (encoders given a buffer with
// room), and they never panic on malformed input: they return errors that
// wrap one of the sentinel errors below, for use with errors.Is.
//
// Covered here:
//
//   - Decimal: DECIMAL/NUMERIC/MONEY, up to 32 significant digits, with the
//     packed base-100 wire form (sign/exponent byte, then digit pairs,
//     negative values in 100's complement).
//   - Qualifier: the DATETIME/INTERVAL encoded_length
//     (digits<<8 | start<<4 | end) and its SQL text ("DAY(3) TO SECOND").
//   - DateTime, IntervalDF (DAY … FRACTION) and IntervalYM (YEAR … MONTH):
//     packed like DECIMAL with the decimal point after the SECOND field.
//   - DATE day numbers (day 0 = 1899-12-31) and the legacy 10-byte
//     INT8/SERIAL8 form.
//   - Composite types: ParseCompositeType reads a ROW/SET/MULTISET/LIST
//     type as a DESCRIBE names it, DecodeComposite a value's text form
//     (bounded by CompositeLimits); Row, Set, Multiset and List are the
//     values, driver.Valuers of their literal text (CompositeText) and
//     sql.Scanners of IDS's text.
//
// Composite arguments bind as their literal text:
//
//	conn.Exec(ctx, "INSERT INTO t (tags, pt) VALUES (?, ?)",
//		ifxtype.Set{"red", "green"}, ifxtype.Row{Fields: []ifxtype.RowField{{Value: 1}, {Value: 2}}})
//
// Widths follow the DECLEN rule (p + (s&1) + 3) / 2 that the server uses to
// size fixed-width tuple columns, so an encoder that disagrees with it by a
// single byte desynchronises the whole stream; the Append functions
// therefore always write exactly the column width they document.
package ifxtype
