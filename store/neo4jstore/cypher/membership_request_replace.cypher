// Records a decision: the request's properties replaced.
MATCH (q:MembershipRequest {id: $id})
SET q = $props
RETURN q
