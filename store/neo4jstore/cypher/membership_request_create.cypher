CREATE (q:MembershipRequest)
SET q = $props
RETURN q
