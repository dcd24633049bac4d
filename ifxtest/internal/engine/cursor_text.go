package engine

import "strings"

// textChunk is how many bytes of converted text one allocation holds.
const textChunk = 4096

// textArena holds the text of the DECIMAL and DATETIME values a cursor's
// conversions make (select_post.go): each string is cut from a shared
// chunk, one allocation for the values of many rows where each value
// took its own. A strings.Builder only ever appends, so the text handed
// out stays as it is while later text fills the rest of the chunk.
type textArena struct {
	sb strings.Builder
}

// text returns b as a string; a nil arena gives a string of its own.
func (a *textArena) text(b []byte) string {
	if a == nil || len(b) > textChunk/8 {
		return string(b)
	}
	if a.sb.Cap()-a.sb.Len() < len(b) {
		a.sb = strings.Builder{}
		a.sb.Grow(textChunk)
	}
	start := a.sb.Len()
	a.sb.Write(b)
	return a.sb.String()[start:]
}
