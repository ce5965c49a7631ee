// Erases a person's membership requests (personal data) with the person.
MATCH (q:MembershipRequest {personId: $id})
DELETE q
RETURN count(*) AS deleted
