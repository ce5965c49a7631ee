package embedded

import "go.etcd.io/bbolt"

// SetSchemaVersion overwrites the schema version in s's file.
func SetSchemaVersion(s *Store, v uint64) error {
	return s.db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, encodeUint64(v))
	})
}
