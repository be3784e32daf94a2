import { parseEc2 } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: { type: 'structure', members: { Reservations: { shape: 'List', locationName: 'reservationSet' } } },
  List: { type: 'list', member: { shape: 'Res', locationName: 'item' } },
  Res: { type: 'structure', members: { Id: { shape: 'Str', locationName: 'reservationId' } } },
  Str: { type: 'string' },
};
const { op, ctx } = model('ec2', shapes, { shape: 'Out' });

describe('parseEc2', () => {
  test('no result wrapper; RequestId from <requestId>; one item stays a list', () => {
    const body =
      '<DescribeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>rid-e</requestId>' +
      '<reservationSet><item><reservationId>r-1</reservationId></item></reservationSet></DescribeResponse>';
    const r = parseEc2(op, response(200, body), ctx);
    expect(r.Reservations).toEqual([{ Id: 'r-1' }]);
    expect(r.ResponseMetadata.RequestId).toBe('rid-e');
  });

  test('errors under Response/Errors/Error with RequestID', () => {
    const body =
      '<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code><Message>Invalid id: "1"</Message></Error></Errors>' +
      '<RequestID>rid-x</RequestID></Response>';
    const r = parseEc2(op, response(400, body), ctx);
    expect(r.Error).toEqual({ Code: 'InvalidInstanceID.Malformed', Message: 'Invalid id: "1"' });
    expect(r.ResponseMetadata.RequestId).toBe('rid-x');
  });
});
