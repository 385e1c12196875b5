/// The shipped `config/holidays-id.csv`, built in: used when that file is
/// not beside the working folder. A test keeps the two identical; after
/// editing the file, regenerate this one (scripts/sync-holidays).
enum BuiltinHolidays {
    static let csv = #"""
# Hari libur nasional dan cuti bersama Indonesia, 2025-2027.
# Indonesian national public holidays and collective leave days (cuti bersama)
# as fixed by the joint decrees (SKB) of the Minister of Religious Affairs
# (Menteri Agama), the Minister of Manpower (Menteri Ketenagakerjaan) and the
# Minister of State Apparatus Empowerment and Bureaucratic Reform (Menteri PANRB).
#
# OPERATORS: the government revises these decrees (it added 18 Aug 2025 in
# August 2025), and Kemenag's sidang isbat fixes 1 Syawal and 10 Zulhijah
# shortly before each feast; the government amends the SKB when the isbat
# departs from it. When a new SKB, an amending SKB or a sidang isbat changes a
# date, update this file, and add each new year once its SKB is signed (usually
# September-October of the year before). The SKB for 2028 is expected around
# September-October 2027.
# Compiled 2026-11-23.
#
# Format: lines starting with '#' are comments; then the header line
# "date,name"; then one row per day, sorted by date, one row per date.
# Cuti bersama rows are named "Cuti Bersama ...". A name is quoted only if it
# contains a comma.
#
# ---------------------------------------------------------------------------
# 2025: SKB Menteri Agama Nomor 1017 Tahun 2024, Menteri Ketenagakerjaan
#   Nomor 2 Tahun 2024, Menteri PANRB Nomor 2 Tahun 2024, tentang Hari Libur
#   Nasional dan Cuti Bersama Tahun 2025, signed in Jakarta on 14 October 2024
#   (17 hari libur nasional + 10 cuti bersama), as amended by
#   SKB Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025, signed
#   7 August 2025, which added cuti bersama on Monday 18 August 2025 for the
#   80th anniversary of independence (total 17 + 11 = 28 rows).
#   Kemenag's isbat confirmed the SKB dates: Idul Fitri 1446 H on
#   31 March 2025, Idul Adha 1446 H on 6 June 2025.
#   Sources:
#   https://menpan.go.id/site/berita-foto/penandatanganan-skb-hari-libur-nasional-dan-cuti-bersama-2025
#   https://jabar.antaranews.com/berita/550281/ada-27-hari-libur-nasional-dan-cuti-bersama-pada-2025
#   https://www.jpnn.com/news/27-hari-libur-nasional-cuti-bersama-2025-inilah-tanggal-tanggalnya
#   https://lingkarwilis.com/pemerintah-tetapkan-hari-libur-nasional-dan-cuti-bersama-2025-sebanyak-27-hari (full list, citing kemenkopmk.go.id)
#   https://rasikapekalongan.com/cek-libur-nasional-dan-cuti-bersama-tahun-2025 (full list, citing setkab.go.id)
#   https://setkab.go.id/pemerintah-tetapkan-hari-libur-nasional-dan-cuti-bersama-tahun-2025/ (cited by the above; not read directly)
#   Amendment (18 August 2025):
#   https://fajar.co.id/2025/08/08/presiden-prabowo-resmi-tetapkan-18-agustus-sebagai-cuti-bersama-nasional/
#   https://news.okezone.com/read/2025/08/07/337/3161238/pemerintah-ternyata-tetapkan-18-agustus-cuti-bersama-bukan-libur-nasional
#   https://m.jpnn.com/news/pemerintah-sepakat-tetapkan-cuti-bersama-pada-18-agustus (ANTARA / Kemenko PMK)
#   Isbat: https://infokyai.com/2025/03/pemerintah-tetapkan-idul-fitri-2025.html
#          https://kredonews.com/?p=14853
#
# ---------------------------------------------------------------------------
# 2026: SKB Menteri Agama Nomor 1497 Tahun 2025, Menteri Ketenagakerjaan
#   Nomor 2 Tahun 2025, Menteri PANRB Nomor 5 Tahun 2025, tentang Hari Libur
#   Nasional dan Cuti Bersama Tahun 2026, signed in Jakarta on
#   19 September 2025 (17 hari libur nasional + 8 cuti bersama = 25 rows).
#   No amending SKB for 2026 found. Kemenag's isbat of 19 March 2026 confirmed
#   Idul Fitri 1447 H on Saturday 21 March 2026 (Muhammadiyah: 20 March; the
#   government date is used).
#   Sources:
#   https://www.setneg.go.id/baca/index/inilah_skb_3_menteri_libur_nasional_dan_cuti_bersama_2026
#   https://www.kemenkopmk.go.id/sites/default/files/pengumuman/2025-09/SKB%20Libur%20Nasional%20dan%20Cuti%20Bersama%20Tahun%202026.pdf
#     (the two government URLs above are cited by the sources below; not read directly)
#   https://disdiksmg.semarangkota.go.id/post-detail/resmi-daftar-hari-libur-nasional-dan-cuti-bersama-tahun-2026-berdasarkan-skb-3-menteri
#   https://www.jpnn.com/news/pemerinah-tetapkan-17-hari-libur-nasional-pada-2026 (ANTARA)
#   https://clicksuara.com/pemerintah-tetapkan-17-hari-libur-nasional-dan-8-hari-cuti-bersama-tahun-2026
#   https://lintaspriangan.com/berita-nasional/skb-libur-nasional-cuti-bersama-2026-disahkan
#   https://www.soearatimoer.net/2025/09/pemerintah-tetapkan-17-hari-libur.html
#   https://harian.batampos.co.id/2025/09/20/17-hari-libur-nasional-dan-8-cuti-bersama-di-tahun-depan
#   Isbat: https://stg.ntvnews.id/news/0193785/pemerintah-tetapkan-idul-fitri-1447-h-jatuh-pada-sabtu-21-maret-2026
#          https://prokaltim.com/2026/03/lebaran-dipastikan-sabtu-ini-alasan-pemerintah-tetapkan-1-syawal-1447-h/
#   Disagreements, resolved for the SKB as reported by the government-sourced
#   articles above: one outlet gives cuti bersama Imlek as "6 Februari"
#   (berikabarnews.com) and another cuti bersama Natal as "14 Desember"
#   (mimbarjumat.com): typos for 16 February and 24 December. One wrote
#   "20, 23, dan 30 Maret" for Idul Fitri cuti bersama (aceh.tribunnews.com):
#   the SKB says 20, 23 and 24 March. palu.tribunnews.com printed a garbled
#   holiday list (Imlek 16 Feb, Nyepi 18 Mar, Idul Fitri 20-21 Mar, Kenaikan
#   6 May, Idul Adha 25 May, Maulid 16 Sep): rejected. One blog dated the SKB
#   19 November 2025: the SKB was signed 19 September 2025.
#
# ---------------------------------------------------------------------------
# 2027: SKB Menteri Agama Nomor 1205 Tahun 2026, Menteri Ketenagakerjaan
#   Nomor 3 Tahun 2026, Menteri PANRB Nomor 2 Tahun 2026, tentang Hari Libur
#   Nasional dan Cuti Bersama Tahun 2027, signed 15 September 2026
#   (18 hari libur nasional + 8 cuti bersama = 26 rows). There are 18 holidays
#   because Isra Mikraj falls twice in 2027 (27 Rajab 1448 H on 5 January and
#   27 Rajab 1449 H on 26 December).
#   Government announcements (cited by the cross-checks below; the pages
#   themselves could not be read from here):
#   https://setneg.go.id/baca/index/inilah_skb_3_menteri_libur_nasional_dan_cuti_bersama_2027
#   https://www.kemenkopmk.go.id/pemerintah-tetapkan-18-hari-libur-nasional-dan-8-cuti-bersama-tahun-2027
#   https://kemnaker.go.id/news/detail/pemerintah-tetapkan-18-hari-libur-nasional-dan-8-hari-cuti-bersama-tahun-2027
#   Cross-checked, all agreeing on every date: the Python "holidays" package
#   0.109 (Indonesia, citing the setneg page above); Bursa Efek Indonesia's
#   Kalender Libur Bursa 2027 (Peng-00169/BEI.POP/09-2026, 16 September 2026)
#   and KSEI's PENG-0004/DIR/KSEI/0926
#   (https://web.ksei.co.id/files/Pengumuman_Hari_Libur_dan_Cuti_Bersama_PT_KSEI_Tahun_2027.pdf)
#   as copied in public code; and a further public transcription of the SKB.
#   PROVISIONAL 2027 DATES: the SKB states that 1 Ramadan, Idul Fitri and
#   Idul Adha 1448 H are fixed by a separate Keputusan Menteri Agama after
#   sidang isbat. Idul Fitri 10-11 March 2027 (and its cuti bersama 9, 12,
#   15 March) and Idul Adha 17 May 2027 (and its cuti bersama 18 May) may move
#   by a day after the isbat (expected around 8 March and 7 May 2027); update
#   this file if the SKB is then amended.
# ---------------------------------------------------------------------------
date,name
2025-01-01,Tahun Baru 2025 Masehi
2025-01-27,Isra Mikraj Nabi Muhammad S.A.W.
2025-01-28,Cuti Bersama Tahun Baru Imlek 2576 Kongzili
2025-01-29,Tahun Baru Imlek 2576 Kongzili
2025-03-28,Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1947)
2025-03-29,Hari Suci Nyepi (Tahun Baru Saka 1947)
2025-03-31,Idul Fitri 1446 Hijriah
2025-04-01,Idul Fitri 1446 Hijriah
2025-04-02,Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah
2025-04-03,Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah
2025-04-04,Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah
2025-04-07,Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah
2025-04-18,Wafat Yesus Kristus
2025-04-20,Kebangkitan Yesus Kristus (Paskah)
2025-05-01,Hari Buruh Internasional
2025-05-12,Hari Raya Waisak 2569 BE
2025-05-13,Cuti Bersama Hari Raya Waisak 2569 BE
2025-05-29,Kenaikan Yesus Kristus
2025-05-30,Cuti Bersama Kenaikan Yesus Kristus
2025-06-01,Hari Lahir Pancasila
2025-06-06,Idul Adha 1446 Hijriah
2025-06-09,Cuti Bersama Hari Raya Idul Adha 1446 Hijriah
2025-06-27,1 Muharam Tahun Baru Islam 1447 Hijriah
2025-08-17,Proklamasi Kemerdekaan
2025-08-18,Cuti Bersama Hari Ulang Tahun ke-80 Kemerdekaan Republik Indonesia
2025-09-05,Maulid Nabi Muhammad S.A.W.
2025-12-25,Kelahiran Yesus Kristus
2025-12-26,Cuti Bersama Kelahiran Yesus Kristus
2026-01-01,Tahun Baru 2026 Masehi
2026-01-16,Isra Mikraj Nabi Muhammad S.A.W.
2026-02-16,Cuti Bersama Tahun Baru Imlek 2577 Kongzili
2026-02-17,Tahun Baru Imlek 2577 Kongzili
2026-03-18,Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)
2026-03-19,Hari Suci Nyepi (Tahun Baru Saka 1948)
2026-03-20,Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah
2026-03-21,Idul Fitri 1447 Hijriah
2026-03-22,Idul Fitri 1447 Hijriah
2026-03-23,Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah
2026-03-24,Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah
2026-04-03,Wafat Yesus Kristus
2026-04-05,Kebangkitan Yesus Kristus (Paskah)
2026-05-01,Hari Buruh Internasional
2026-05-14,Kenaikan Yesus Kristus
2026-05-15,Cuti Bersama Kenaikan Yesus Kristus
2026-05-27,Idul Adha 1447 Hijriah
2026-05-28,Cuti Bersama Hari Raya Idul Adha 1447 Hijriah
2026-05-31,Hari Raya Waisak 2570 BE
2026-06-01,Hari Lahir Pancasila
2026-06-16,1 Muharam Tahun Baru Islam 1448 Hijriah
2026-08-17,Proklamasi Kemerdekaan
2026-08-25,Maulid Nabi Muhammad S.A.W.
2026-12-24,Cuti Bersama Kelahiran Yesus Kristus
2026-12-25,Kelahiran Yesus Kristus
2027-01-01,Tahun Baru 2027 Masehi
2027-01-05,Isra Mikraj Nabi Muhammad S.A.W. (1448 Hijriah)
2027-02-05,Cuti Bersama Tahun Baru Imlek 2578 Kongzili
2027-02-06,Tahun Baru Imlek 2578 Kongzili
2027-03-08,Hari Suci Nyepi (Tahun Baru Saka 1949)
2027-03-09,Cuti Bersama Hari Raya Idul Fitri 1448 Hijriah
2027-03-10,Idul Fitri 1448 Hijriah
2027-03-11,Idul Fitri 1448 Hijriah
2027-03-12,Cuti Bersama Hari Raya Idul Fitri 1448 Hijriah
2027-03-15,Cuti Bersama Hari Raya Idul Fitri 1448 Hijriah
2027-03-25,Cuti Bersama Wafat Yesus Kristus
2027-03-26,Wafat Yesus Kristus
2027-03-28,Kebangkitan Yesus Kristus (Paskah)
2027-05-01,Hari Buruh Internasional
2027-05-06,Kenaikan Yesus Kristus
2027-05-17,Idul Adha 1448 Hijriah
2027-05-18,Cuti Bersama Hari Raya Idul Adha 1448 Hijriah
2027-05-19,Cuti Bersama Hari Raya Waisak 2571 BE
2027-05-20,Hari Raya Waisak 2571 BE
2027-06-01,Hari Lahir Pancasila
2027-06-06,1 Muharam Tahun Baru Islam 1449 Hijriah
2027-08-15,Maulid Nabi Muhammad S.A.W.
2027-08-17,Proklamasi Kemerdekaan
2027-12-24,Cuti Bersama Kelahiran Yesus Kristus
2027-12-25,Kelahiran Yesus Kristus
2027-12-26,Isra Mikraj Nabi Muhammad S.A.W. (1449 Hijriah)
"""#
}
