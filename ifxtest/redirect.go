package ifxtest

import (
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// redirect answers the connection request with Config.RedirectTo: SL
// type 13 whose SQ_ASCDBLIST block says "server|host|port", in place of
// the SQ_ASCINITRESP block (docs/PROTOCOL.md "Redirects").
func (c *conn) redirect(resp *sqli.ConnResponse) error {
	resp.Type = sqli.PacketRedirect
	resp.Redirect = c.srv.cfg.RedirectTo
	b, err := resp.Encode(nil)
	if err != nil {
		return err
	}
	if err := c.write(b); err != nil {
		return err
	}
	c.logf("redirected to %s", c.srv.cfg.RedirectTo)
	return fmt.Errorf("login: redirected to %s", c.srv.cfg.RedirectTo)
}

// checkRedirectTo refuses a Config.RedirectTo that is no NAME|HOST|PORT.
func checkRedirectTo(to string) error {
	if to == "" {
		return nil
	}
	if _, err := sqli.ParseRedirect(to); err != nil {
		return fmt.Errorf("ifxtest: RedirectTo %q: want NAME|HOST|PORT", to)
	}
	return nil
}
