// Tells RequestMembership whether the person and the network exist, the
// network's membership policy (null for a network stored before profiles),
// whether the person is a member, and whether they have a pending request.
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (n:Network {id: $networkId})
OPTIONAL MATCH (p)-[m:MEMBER_OF]->(n)
OPTIONAL MATCH (q:MembershipRequest {personId: $personId, networkId: $networkId, status: $pending})
RETURN p IS NOT NULL AS personFound, n IS NOT NULL AS networkFound, n.membershipPolicy AS policy,
       count(m) > 0 AS member, count(q) > 0 AS pending
