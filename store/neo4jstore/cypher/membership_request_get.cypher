MATCH (q:MembershipRequest {id: $id})
RETURN q
