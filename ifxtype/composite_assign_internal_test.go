package ifxtype

import "testing"

func TestDateLayoutFromDBDATE(t *testing.T) {
	for dbdate, want := range map[string]string{
		"": "01/02/2006", "MDY4/": "01/02/2006", "DMY4.": "02.01.2006", "Y4MD-": "2006-01-02",
		"DMY2/": "02/01/06", "Y2MD0": "060102", "garbage": "01/02/2006",
	} {
		if got := dateLayout(dbdate); got != want {
			t.Errorf("dateLayout(%q) = %q, want %q", dbdate, got, want)
		}
	}
}
