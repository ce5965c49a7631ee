package graph

// UnpagedListCharged reports whether chargeLists charges object.field.
func UnpagedListCharged(object, field string) bool { return unpagedLists[listField{object, field}] }
