"""The metrics capacity, complaints and standards register, as they were when their
registration became a table (`METRICS`, one loop): same keys, labels, units and wording."""

from tdc.core.metrics import all_metrics

# (key, label, unit, wording), listed from the registry before the change.
REGISTERED = [
    (
        "capacity.awards_decided",
        "Số khen thưởng, giải thưởng chất lượng",
        "khen thưởng",
        ("\\d+[^.;]{0,20}(giai thuong chat luong|khen thuong)",),
    ),
    (
        "capacity.businesses_trained_share",
        "Tỷ lệ doanh nghiệp được tập huấn, bồi dưỡng",
        "%",
        (
            "\\d+ ?% (cac )?(co quan|to chuc|doanh nghiep)[^.;%]{0,160}duoc (tap huan|dao tao|boi duong)",
            "doanh nghiep[^.;]{0,60}duoc (tap huan|dao tao|boi duong)",
        ),
    ),
    (
        "capacity.courses_held",
        "Số lớp đào tạo, bồi dưỡng, tập huấn đã tổ chức",
        "lớp",
        ("\\d+ lop (dao tao|boi duong|tap huan)", "lop (dao tao|boi duong|tap huan)"),
    ),
    (
        "capacity.curricula",
        "Số chương trình giảng dạy có nội dung tiêu chuẩn, đo lường, chất lượng",
        "chương trình",
        ("(chuong trinh|noi dung) (giang day|dao tao)[^.;]{0,60}(truong|dai hoc)",),
    ),
    (
        "capacity.equipment_bought",
        "Số trang thiết bị kiểm tra, thử nghiệm đã đầu tư",
        "trang thiết bị",
        ("\\d+ (trang )?thiet bi", "(dau tu|mua sam)[^.;]{0,30}(trang )?thiet bi"),
    ),
    (
        "capacity.event_participants",
        "Số lượt người tham dự các sự kiện",
        "lượt người",
        ("\\d+ luot nguoi tham (du|gia)",),
    ),
    (
        "capacity.event_participants_businesses",
        "Số lượt người tham dự sự kiện là doanh nghiệp, hộ kinh doanh",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}doanh nghiep[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_commune",
        "Số lượt người tham dự sự kiện là cán bộ cấp xã",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}can bo (cap )?xa[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_military",
        "Số lượt người tham dự sự kiện là quân đội",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}(quan doi|luc luong vu trang)[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_officials",
        "Số lượt người tham dự sự kiện là cán bộ, công chức, viên chức",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}(can bo|cong chuc)[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_other",
        "Số lượt người tham dự sự kiện là đối tượng khác",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}doi tuong khac[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_police",
        "Số lượt người tham dự sự kiện là công an",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}cong an[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_students",
        "Số lượt người tham dự sự kiện là học sinh, sinh viên",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}(hoc sinh|sinh vien)[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.event_participants_teachers",
        "Số lượt người tham dự sự kiện là giáo viên",
        "lượt người",
        (
            "\\d+ (luot|nguoi)[^.;]{0,30}giao vien[^.;]{0,40}tham (du|gia)[^.;]{0,20}(su kien|hoi nghi|hoi thao|dien dan)",
        ),
    ),
    (
        "capacity.events_held",
        "Số sự kiện, hội nghị, hoạt động truyền thông đã tổ chức",
        "sự kiện",
        ("\\d+ (su kien|hoi nghi|hoi thao)", "ngay (tieu chuan the gioi|do luong viet nam)"),
    ),
    (
        "capacity.forums_held",
        "Số diễn đàn đối thoại với doanh nghiệp đã tổ chức",
        "diễn đàn",
        ("\\d+ dien dan", "dien dan doi thoai"),
    ),
    (
        "capacity.iso_applied_agencies",
        "Số cơ quan hành chính áp dụng TCVN ISO 9001",
        "cơ quan",
        ("\\d+ co quan[^.;]{0,60}iso 9001",),
    ),
    (
        "capacity.iso_applied_share",
        "Tỷ lệ cơ quan hành chính áp dụng TCVN ISO 9001",
        "%",
        ("\\d+ ?%[^.;]{0,80}(iso 9001|he thong quan ly chat luong)",),
    ),
    (
        "capacity.officials_trained_share",
        "Tỷ lệ cán bộ, công chức làm công tác TĐC được đào tạo, bồi dưỡng",
        "%",
        (
            "\\d+ ?% (doi ngu )?(can bo, )?cong chuc[^.;]{0,200}duoc (dao tao|tap huan|boi duong)",
            "\\d+ ?% (doi ngu )?(can bo, )?cong chuc",
        ),
    ),
    (
        "capacity.participants",
        "Số lượt người được đào tạo, tập huấn",
        "lượt người",
        ("\\d+ (luot nguoi|luot|hoc vien)[^.;]{0,20}(tap huan|dao tao|boi duong)",),
    ),
    (
        "capacity.participants_businesses",
        "Số lượt học viên là doanh nghiệp, hộ kinh doanh",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}doanh nghiep",),
    ),
    (
        "capacity.participants_commune",
        "Số lượt học viên là cán bộ cấp xã",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}can bo (cap )?xa",),
    ),
    (
        "capacity.participants_military",
        "Số lượt học viên là quân đội",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}(quan doi|luc luong vu trang)",),
    ),
    (
        "capacity.participants_officials",
        "Số lượt học viên là cán bộ, công chức, viên chức",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}(can bo|cong chuc)",),
    ),
    (
        "capacity.participants_other",
        "Số lượt học viên là đối tượng khác",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}doi tuong khac",),
    ),
    (
        "capacity.participants_police",
        "Số lượt học viên là công an",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}cong an",),
    ),
    (
        "capacity.participants_students",
        "Số lượt học viên là học sinh, sinh viên",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}(hoc sinh|sinh vien)",),
    ),
    (
        "capacity.participants_teachers",
        "Số lượt học viên là giáo viên",
        "lượt người",
        ("\\d+ (luot|hoc vien)[^.;]{0,30}giao vien",),
    ),
    (
        "capacity.programmes_under_way",
        "Số chương trình, đề án, nhiệm vụ đang triển khai",
        "chương trình",
        ("\\d+ (chuong trinh|de an)", "chuong trinh, de an"),
    ),
    (
        "complaints.handled_on_time_share",
        "Tỷ lệ phản ánh được xử lý đúng hạn",
        "%",
        ("phan anh\\b.*\\b(xu ly|giai quyet)\\b.*\\b(dung han|kip thoi|dung thoi han)",),
    ),
    (
        "complaints.handled_share",
        "Tỷ lệ thông tin phản ánh được xử lý",
        "%",
        ("phan anh\\b.*\\b(duoc )?(xu ly|giai quyet|tiep nhan va xu ly)",),
    ),
    (
        "complaints.received_count",
        "Số phản ánh tiếp nhận",
        "phản ánh",
        ("(so|luot) (thong tin )?phan anh\\b.*\\btiep nhan",),
    ),
    (
        "standards.businesses_reached",
        "Số doanh nghiệp nhận được cảnh báo TBT",
        "doanh nghiệp",
        (
            "doanh nghiep.{0,60}(canh bao|thong bao) (tbt|hang rao ky thuat)",
            "canh bao.{0,40}hang rao ky thuat",
            "(canh bao|thong tin) tbt",
        ),
    ),
    (
        "standards.enquiries_on_time_share",
        "Tỷ lệ câu hỏi TBT được trả lời đúng hạn",
        "%",
        ("hoi dap tbt", "(tra loi|giai dap).{0,40}(hoi dap|cau hoi).{0,20}tbt"),
    ),
    (
        "standards.projects_issued",
        "Số quy chuẩn, tiêu chuẩn được ban hành",
        "văn bản",
        (
            "ban hanh.{0,40}(quy chuan ky thuat dia phuong|qcdp|tieu chuan)",
            "xay dung.{0,40}(quy chuan ky thuat dia phuong|qcdp)",
        ),
    ),
    (
        "standards.projects_under_way",
        "Số dự án tiêu chuẩn, quy chuẩn đang thực hiện",
        "dự án",
        ("(du an|de xuat).{0,30}(tieu chuan|quy chuan)",),
    ),
]


def test_the_registry_holds_the_same_metrics_as_before_the_tables():
    apps = ("capacity.", "complaints.", "standards.")
    registered = [
        (m.key, m.label, m.unit, m.wording) for m in all_metrics() if m.key.startswith(apps)
    ]

    assert registered == REGISTERED
