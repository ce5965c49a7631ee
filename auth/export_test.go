package auth

// Keys returns the keys, without their tokens, in file order.
func (ks *Keys) Keys() []Key {
	if ks == nil {
		return nil
	}
	return append([]Key(nil), ks.keys...)
}
