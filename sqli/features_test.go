package sqli

import "testing"

func TestNegotiate(t *testing.T) {
	f := ModernFeatures()
	for _, n := range []int{FeatureBigInt, FeatureRemove64K, FeatureExtDescribe, FeatureLargeTuple, FeatureLongRowID} {
		if !f.Has(n) {
			t.Errorf("JDBC offer ∩ IDS 15 mask lacks feature %d", n)
		}
	}
	for _, n := range []int{FeaturePAM, FeaturePrivateAuth} {
		if f.Has(n) {
			t.Errorf("JDBC offer ∩ IDS 15 mask has feature %d", n)
		}
	}
	// informix-driver's 8-byte offer: no 69/70, so 32-bit SQ_DONE counts.
	py := Negotiate(JDBCOffer[:8], IDS15Mask)
	if py.LongRowID() || py.LargeTuple() || !py.LongSQLText() {
		t.Errorf("8-byte offer negotiated %x", py.Bytes())
	}
	var g Features
	g.Set(70)
	if !g.Has(70) || len(g.Bytes()) != 9 {
		t.Errorf("Set(70): % x", g.Bytes())
	}
	g.Clear(70)
	if g.Has(70) {
		t.Error("Clear(70)")
	}
}
