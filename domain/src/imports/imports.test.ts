import { describe, expect, it } from 'vitest';
import { convertTcvn3, convertVni, detectLegacyEncoding, tcvn3Cell } from './legacy-encoding.ts';
import { excelSerialToIso, parseClerkDate, parseCount, parseKind, parseMark, splitNameAddressId } from './values.ts';
import { checkMapping, detectHeader, headerSignature, mappingOf, proposeMapping } from './mapping.ts';
import { toImportedCase, toRegisterCells } from './rows.ts';

describe('legacy encodings', () => {
  it('converts TCVN3 and VNI typed Vietnamese to Unicode', () => {
    expect(convertTcvn3('Ng\u00adêi khiÕu n¹i ë x· Yªn L¹c, ViÖt Nam, §ång')).toBe('Người khiếu nại ở xã Yên Lạc, Việt Nam, Đồng');
    expect(convertVni('Ngöôøi khieáu naïi, Nguyeãn Vaên An, quyeát ñònh, Vieät Nam')).toBe('Người khiếu nại, Nguyễn Văn An, quyết định, Việt Nam');
  });
  it('detects the font of a sheet and leaves Unicode alone', () => {
    expect(detectLegacyEncoding(['NguyÔn V¨n An', 'KhiÕu n¹i quyÕt ®Þnh thu håi ®Êt'])).toBe('tcvn3');
    expect(detectLegacyEncoding(['Nguyeãn Vaên An', 'Khieáu naïi quyeát ñònh thu hoài ñaát'])).toBe('vni');
    expect(detectLegacyEncoding(['Nguyễn Văn An', 'Khiếu nại quyết định thu hồi đất', 'Lý Thị Hoà'])).toBeNull();
    expect(detectLegacyEncoding(['STT', '12', 'abc'])).toBeNull();
  });
  it('converts a TCVN3 cell under a Unicode header, never a Unicode one', () => {
    expect(tcvn3Cell('NguyÔn V¨n H¶i')).toBe('Nguyễn Văn Hải');
    expect(tcvn3Cell('Lý Thị Hoà')).toBeNull();
    expect(tcvn3Cell('Nguyễn Văn An')).toBeNull();
  });
});

describe('values as clerks write them', () => {
  it('reads dates in every shape', () => {
    expect(parseClerkDate('03/11/2026')).toBe('2026-11-03');
    expect(parseClerkDate('3/11/26')).toBe('2026-11-03');
    expect(parseClerkDate('ngày 3 tháng 11 năm 2026')).toBe('2026-11-03');
    expect(parseClerkDate('Ngày 03 tháng 11 năm 2026')).toBe('2026-11-03');
    expect(parseClerkDate('2026-11-03')).toBe('2026-11-03');
    expect(parseClerkDate('31/02/2026')).toBeNull();
    expect(excelSerialToIso(46329)).toBe('2026-11-03');
    expect(parseClerkDate('46329')).toBe('2026-11-03');
  });
  it('reads kinds, marks and counts', () => {
    expect(parseKind('KN')).toBe('complaint');
    expect(parseKind('Khiếu nại')).toBe('complaint');
    expect(parseKind('tc')).toBe('denunciation');
    expect(parseKind('KN-PA')).toBe('feedback');
    expect(parseKind('phản ánh')).toBe('feedback');
    expect(parseKind('Kiến nghị, phản ánh')).toBe('feedback');
    expect(parseKind('đất đai')).toBeNull();
    for (const m of ['x', 'X', 'có', '✓', '✔']) expect(parseMark(m)).toBe(true);
    expect(parseMark('')).toBe(false);
    expect(parseMark('không')).toBe(false);
    expect(parseMark('hmm')).toBeNull();
    expect(parseCount('1.200')).toBe(1200);
    expect(parseCount('7 người')).toBe(7);
  });
  it('splits a name, address and ID number cell, or keeps it whole', () => {
    expect(splitNameAddressId('Nguyễn Văn An, thôn Đông, xã Yên Lạc, CCCD 001085012345')).toEqual({ name: 'Nguyễn Văn An', address: 'thôn Đông, xã Yên Lạc', idNumber: '001085012345', split: true });
    expect(splitNameAddressId('Trần Thị Bình\nSố 5 ngõ 3, phường Láng\n001190000123')).toEqual({ name: 'Trần Thị Bình', address: 'Số 5 ngõ 3, phường Láng', idNumber: '001190000123', split: true });
    expect(splitNameAddressId('Lê Văn Cường thôn Bắc').split).toBe(false);
  });
});

const OFFICIAL = [
  ['UỶ BAN NHÂN DÂN XÃ YÊN LẠC', 'UỶ BAN NHÂN DÂN XÃ YÊN LẠC', '', '', '', '', '', '', '', '', '', ''],
  ['SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN', 'SỔ TIẾP CÔNG DÂN'],
  ['STT', 'Ngày tiếp', 'Họ tên - Địa chỉ - CMND/Hộ chiếu của người đến', 'Nội dung vụ việc', 'Phân loại đơn / Số người đứng đơn', 'Phân loại đơn / Số người đứng đơn', 'Cơ quan đã giải quyết', 'Hướng xử lý', 'Hướng xử lý', 'Hướng xử lý', 'Theo dõi kết quả', 'Ghi chú'],
  ['STT', 'Ngày tiếp', 'Họ tên - Địa chỉ - CMND/Hộ chiếu của người đến', 'Nội dung vụ việc', 'Loại đơn', 'Số người', 'Cơ quan đã giải quyết', 'Thụ lý', 'Hướng dẫn', 'Chuyển đơn', 'Theo dõi kết quả', 'Ghi chú'],
  ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)', '(11)', '(12)'],
  ['1', '03/11/2026', 'Nguyễn Văn An, thôn Đông, xã Yên Lạc, CCCD 001085012345', 'Khiếu nại quyết định thu hồi đất', 'KN', '1', '', 'x', '', '', '', ''],
  ['2', '04/11/2026', 'Trần Thị Bình, thôn Tây, CCCD 001190000123', 'Phản ánh đường hỏng', 'Kiến nghị, phản ánh', '1.200', '', '', 'x', '', '', ''],
];

describe('header and mapping', () => {
  it('finds the two-row merged header under the title rows, skips the numbering row, maps every column', () => {
    const h = detectHeader(OFFICIAL, 'register')!;
    expect(h.headerRows).toEqual([2, 3]);
    expect(h.firstDataRow).toBe(5);
    const p = proposeMapping(h.headers, OFFICIAL.slice(5), 'register');
    expect(mappingOf(p)).toEqual({ A: 'no', B: 'date', C: 'person', D: 'content', E: 'type', F: 'people', G: 'priorAgencies', H: 'withinJurisdiction', I: 'guidance', J: 'transfer', K: 'followUp', L: 'notes' });
    expect(checkMapping(mappingOf(p), 'register')).toEqual([]);
    expect(headerSignature(h.headers)).toContain('phan loai don so nguoi dung don loai don');
  });
  it('reads a mapped register row into the cells of the register reader', () => {
    const { cells } = toRegisterCells({ no: '1', date: '3/11/26', person: 'Nguyễn Văn An, thôn Đông, CCCD 001085012345', content: 'Khiếu nại', type: 'Khiếu nại', people: '1', withinJurisdiction: 'x', guidance: '', transfer: 'UBND huyện, CV số 12/UBND' });
    expect(cells).toMatchObject({ date: '03/11/2026', nameAddress: 'Nguyễn Văn An\nthôn Đông', idNumber: '001085012345', type: 'KN', withinJurisdiction: 'Có', transfer: 'UBND huyện (số 12/UBND)' });
  });
  it('plans the workflow steps of an open case from its dates', () => {
    const r = toImportedCase({ kind: 'TC', receivedOn: '01/07/2026', acceptedOn: '10/07/2026', state: 'Đang xác minh', content: 'Tố cáo cán bộ', name: 'Phạm Văn D' }, '2026-11-30');
    expect('case' in r && r.case.steps.map((s) => s.action)).toEqual(['accept', 'start-verification']);
    const d = toImportedCase({ kind: 'KN', receivedOn: '01/07/2026', acceptedOn: '10/07/2026', decidedOn: '05/08/2026', outcome: 'Đúng một phần', content: 'x' }, '2026-11-30');
    expect('case' in d && d.case.steps).toEqual([{ action: 'accept', on: '2026-07-10' }, { action: 'decide', on: '2026-08-05', outcome: 'partly-right' }]);
    const bad = toImportedCase({ kind: 'KN', receivedOn: '01/07/2026', state: 'Đã thụ lý', content: 'x' }, '2026-11-30');
    expect('issues' in bad && bad.issues[0]).toMatchObject({ field: 'acceptedOn', key: 'import.requiredForState' });
  });
  it('plans a forwarded case: the forward step on the forwarding day to the agency the clerk named', () => {
    const r = toImportedCase({ kind: 'KN', receivedOn: '01/09/2026', state: 'Đã chuyển đơn', stepOn: '08/09/2026', forwardTo: 'UBND phường Ngọc Hà', transferDocNo: '15/UBND-TCD', content: 'x' }, '2026-11-30');
    expect('case' in r && r.case.steps).toEqual([{ action: 'forward', on: '2026-09-08', targetAgency: 'UBND phường Ngọc Hà', documentNo: '15/UBND-TCD' }]);
    expect('case' in r && r.case.state).toBe('forwarded');
    const noTarget = toImportedCase({ kind: 'KN', receivedOn: '01/09/2026', state: 'Chuyển đơn', content: 'x' }, '2026-11-30');
    expect('issues' in noTarget && noTarget.issues[0]).toMatchObject({ field: 'forwardTo', key: 'import.requiredForState' });
  });
});
