package ifxtype

// Byte is a value to bind to a BYTE parameter (a simple large object):
// its bytes travel after the SQ_BIND as SQ_BLOB chunks, which Informix
// requires of BYTE and TEXT values (they cannot be bound as CHAR or
// LVARCHAR, nor written as literals). A nil Byte binds NULL. BYTE
// columns scan into []byte.
type Byte []byte

// Text is a value to bind to a TEXT parameter, sent like Byte in the
// client locale. TEXT columns scan into string (or []byte).
type Text string
