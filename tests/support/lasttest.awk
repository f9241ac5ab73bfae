# Reads ctest's Testing/Temporary/LastTest.log and prints one line per test:
#   <name>\t<passed|failed|pending|notrun|timeout>\t<first useful message>
# The message is the PENDING line, or the first error with its "likely mistake", trimmed.
function flush() {
  if (name == "") return
  st = result
  if (st == "failed" && pending != "") st = "pending"
  if (st == "failed" && timeout) st = "timeout"
  m = (pending != "" ? pending : msg)
  if (st == "timeout" && m == "") m = "did not finish within its time limit (infinite loop?)"
  if (st == "failed" && m == "") m = crash
  if (st == "failed" && m == "") m = "failed without a message (crash?)"
  gsub(/\t/, " ", m)
  printf "%s\t%s\t%s\n", name, st, m
  name = ""
}
/^[0-9]+\/[0-9]+ Testing: / { flush(); name = $3; result = "failed"; pending = ""; msg = ""; crash = ""; timeout = 0; next }
/PENDING lesson/ { if (pending == "") { pending = substr($0, index($0, "PENDING lesson")) } next }
/error: in "/ {
  if (msg == "") {
    line = $0
    loc = line; sub(/: (fatal )?error: in ".*$/, "", loc)
    sub(/^.*(\/tests\/|\/lessons\/|\/solutions\/)/, "", loc)
    text = line; sub(/^.*error: in "[^"]*": /, "", text)
    msg = (loc ~ /unknown location/ ? "" : loc ": ") text
    want_mistake = 1
  }
  next
}
/likely mistake:/ { if (want_mistake) { m2 = $0; sub(/^ */, "", m2); msg = msg " -- " m2; want_mistake = 0 } next }
/memory access violation|signal:|std::bad_alloc|Segmentation/ { if (crash == "") crash = $0; next }
/^Test time = / { if ($0 ~ /Timeout/) timeout = 1 }
/^Test Passed\./ { result = "passed" }
/^Test Failed\./ { result = "failed" }
/Test not run|Unable to find executable|Could not find executable/ { result = "notrun" }
/Process not started/ { result = "notrun" }
/^Test time = .*Timeout|\*\*\*Timeout/ { timeout = 1 }
END { flush() }
