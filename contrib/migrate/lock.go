package ifxmigrate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/ifxgo/ifx"
)

// lockPoll is how often Lock tries again while another process holds
// the lock.
var lockPoll = 100 * time.Millisecond

// Lock takes the lock row (see the package documentation). While another
// driver holds it, Lock retries until Config.LockTimeout and then fails
// with an error that wraps database.ErrLocked and names the holder. A
// second Lock on the same driver fails at once with database.ErrLocked.
func (d *Informix) Lock() error {
	return database.CasRestoreOnErr(&d.isLocked, false, true, database.ErrLocked, d.lock)
}

func (d *Informix) lock() error {
	ctx := context.Background()
	q := "INSERT INTO " + d.cfg.LockTable + " (lock_id, holder, locked_at) VALUES (1, ?, CURRENT YEAR TO SECOND)"
	deadline := time.Now().Add(d.cfg.LockTimeout)
	for {
		_, err := d.conn.ExecContext(ctx, q, d.holder)
		if err == nil {
			return nil
		}
		// A committed row is a unique violation; one another session
		// is inserting right now, a lock conflict.
		if !ifx.IsUniqueViolation(err) && !ifx.IsLockConflict(err) {
			return &database.Error{OrigErr: err, Err: "lock failed", Query: []byte(q)}
		}
		if d.cfg.LockTimeout < 0 || time.Now().Add(lockPoll).After(deadline) {
			return d.lockedError(ctx)
		}
		time.Sleep(lockPoll)
	}
}

// lockedError wraps database.ErrLocked with the holder of the lock row.
func (d *Informix) lockedError(ctx context.Context) error {
	var holder, since string
	q := "SELECT holder, locked_at FROM " + d.cfg.LockTable + " WHERE lock_id = 1"
	if err := d.conn.QueryRowContext(ctx, q).Scan(&holder, &since); err != nil {
		return fmt.Errorf("%w: the lock row in %s is held by another process", database.ErrLocked, d.cfg.LockTable)
	}
	return fmt.Errorf("%w: held by %q since %s (a holder that died leaves the row: delete it from %s)",
		database.ErrLocked, holder, since, d.cfg.LockTable)
}

// errLockGone reports an Unlock that found no lock row of its own.
var errLockGone = errors.New("ifxmigrate: the lock row was removed by another session while this driver held it")

// Unlock deletes the driver's lock row.
func (d *Informix) Unlock() error {
	return database.CasRestoreOnErr(&d.isLocked, true, false, database.ErrNotLocked, func() error {
		q := "DELETE FROM " + d.cfg.LockTable + " WHERE lock_id = 1 AND holder = ?"
		res, err := d.conn.ExecContext(context.Background(), q, d.holder)
		if err != nil {
			return &database.Error{OrigErr: err, Err: "unlock failed", Query: []byte(q)}
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return errLockGone
		}
		return nil
	})
}
