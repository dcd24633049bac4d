package engine

// slabRows is how many rows' values one allocation holds.
const slabRows = 64

// rowSlice returns room for a row of n values. Rows are cut from a slab
// allocated for slabRows of them, one allocation where a fetch of 100k
// rows made 100k; each is capped at n, so a caller appending to a row it
// keeps gets a copy and never writes into the next row.
func (c *Cursor) rowSlice(n int) []Value {
	if len(c.slab) < n {
		c.slab = make([]Value, n*slabRows)
	}
	out := c.slab[:n:n]
	c.slab = c.slab[n:]
	return out
}
