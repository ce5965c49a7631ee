// One page of membership requests, oldest first (ids sort by creation time),
// with the number that match. Filters are null when unset; the page is the
// matches after the cursor ($after, a request id; '' for the first page).
MATCH (a:MembershipRequest)
WHERE ($networkId IS NULL OR a.networkId = $networkId)
  AND ($personId IS NULL OR a.personId = $personId)
  AND ($status IS NULL OR a.status = $status)
WITH count(a) AS total
OPTIONAL MATCH (q:MembershipRequest)
WHERE ($after = '' OR q.id > $after)
  AND ($networkId IS NULL OR q.networkId = $networkId)
  AND ($personId IS NULL OR q.personId = $personId)
  AND ($status IS NULL OR q.status = $status)
WITH total, q ORDER BY q.id LIMIT $limit
RETURN total, collect(q) AS page
