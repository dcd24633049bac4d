package engine

import (
	"fmt"
	"strings"
)

// checkBlobspaces refuses a BYTE or TEXT column put IN a blobspace the
// server does not have, as IDS does. ifxtest has no storage spaces, so the
// blobspaces that "exist" are the configured ones (Config.Blobspaces):
// a test that names a blobspace its production server lacks fails here
// rather than in production.
//
// CHOICE: IDS's code for a missing blobspace is not in our evidence; -261
// (cannot create the table) is what IDS gives when a table's storage cannot
// be allocated, and the message names the blobspace and the setting.
func (s *Session) checkBlobspaces(cols []colDef, src string) error {
	for _, cd := range cols {
		if cd.blobspace == "" || s.e.hasBlobspace(cd.blobspace) {
			continue
		}
		e := newErr(-261, 0, cd.blobspace)
		e.Offset = charOffset(src, cd.blobspacePos)
		e.Message = fmt.Sprintf("Cannot create file for table: blobspace (%s) does not exist; ifxtest has the blobspaces of Config.Blobspaces (ifxtestd -blobspace).", cd.blobspace)
		return e
	}
	return nil
}

func (e *Engine) hasBlobspace(name string) bool {
	for _, b := range e.cfg.Blobspaces {
		if strings.EqualFold(b, name) {
			return true
		}
	}
	return false
}
