// Removes a deleted network's membership requests.
MATCH (q:MembershipRequest {networkId: $id})
DELETE q
RETURN count(*) AS deleted
