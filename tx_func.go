package ifx

import "context"

// BeginFunc runs fn in a transaction that begin starts, pgx style: it
// commits when fn returns nil and rolls back when fn fails or panics
// (the panic goes on). begin is a method value such as conn.Begin,
// tx.Begin (a nested transaction) or an ifxpool.Pool's Begin:
//
//	err := ifx.BeginFunc(ctx, conn.Begin, func(tx *ifx.Tx) error {
//		_, err := tx.Exec(ctx, "UPDATE account SET balance = balance - ? WHERE id = ?", 10, 1)
//		return err
//	})
func BeginFunc[T interface {
	Commit(context.Context) error
	Rollback(context.Context) error
}](ctx context.Context, begin func(context.Context) (T, error), fn func(T) error) (err error) {
	tx, err := begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			panic(r)
		}
	}()
	if err := fn(tx); err != nil {
		// A rollback error would hide fn's, which says why.
		tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	return tx.Commit(ctx)
}
