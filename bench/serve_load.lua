-- wrk script for bench/serve_load.sh: GET /api/search over a fixed list of
-- Arabic queries, in turn, with some of them filtered, sorted by date or
-- asked for their second page, as people ask them.  Each thread starts at
-- another point of the list.
local queries = {
	"السعودية", "وزير الخارجية", "الملك سلمان", "ولي العهد", "النفط",
	"أسعار النفط", "اليمن", "الحوثيين", "مجلس الشورى", "كرة القدم",
	"الهلال", "النصر", "الرياض", "جدة", "مكة المكرمة", "الحج", "رمضان",
	"التعليم", "وزارة الصحة", "إيران", "سوريا", "الإرهاب", "الاقتصاد",
	"الميزانية", "البطالة", "الإسكان", "المرأة", "أمير منطقة", "مجلس الوزراء",
	"الأمم المتحدة", "\"خادم الحرمين الشريفين\"", "البنك المركزي", "الطقس",
	"الأمطار", "المرور", "الجامعة", "الطلاب", "المستشفى", "الدفاع المدني",
	"هيئة الأمر بالمعروف", "سوق الأسهم", "أرامكو", "العمالة", "التأشيرات",
	"الكهرباء", "المياه", "الصحة -كورونا", "قطر", "مصر", "لبنان",
}
local extras = { "", "", "", "&sort=date", "&page=2", "&from=2015-06", "&any=1" }

local function encode(s)
	return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {}
for i, q in ipairs(queries) do
	paths[#paths + 1] = "/api/search?q=" .. encode(q) .. extras[(i % #extras) + 1]
end

local counter = 0
local started = 0

setup = function(thread)
	thread:set("first", started)
	started = started + 17
end

init = function()
	counter = first or 0
end

request = function()
	counter = counter + 1
	return wrk.format("GET", paths[(counter % #paths) + 1])
end

-- errors: answers that are not 2xx or 3xx (the API gives only 200 to
-- these), and connections that failed or timed out
done = function(summary, latency, requests)
	io.write(string.format("p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d errors=%d socket_errors=%d\n",
		latency:percentile(50) / 1000, latency:percentile(90) / 1000,
		latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
		summary.errors.status, summary.errors.connect + summary.errors.read +
		summary.errors.write + summary.errors.timeout))
end
